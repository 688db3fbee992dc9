// The seed's DynamicClient program: list pods as Unstructured, convert them to a typed PodList.
// Usage: dynamic KUBECONFIG [NAMESPACE]
package main

import (
	"context"
	"fmt"
	"os"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/tools/clientcmd"
)

func main() {
	config, err := clientcmd.BuildConfigFromFlags("", os.Args[1])
	if err != nil {
		panic(err)
	}
	namespace := "default"
	if len(os.Args) > 2 {
		namespace = os.Args[2]
	}

	dynamicCli, err := dynamic.NewForConfig(config)
	if err != nil {
		panic(err)
	}

	gvr := schema.GroupVersionResource{Group: "", Version: "v1", Resource: "pods"}

	unStructData, err := dynamicCli.Resource(gvr).Namespace(namespace).List(context.TODO(), metav1.ListOptions{})
	if err != nil {
		panic(err)
	}

	podList := &corev1.PodList{}
	err = runtime.DefaultUnstructuredConverter.FromUnstructured(unStructData.UnstructuredContent(), podList)
	if err != nil {
		panic(err)
	}

	for _, item := range podList.Items {
		fmt.Println(item.Namespace, "==", item.Name)
	}
}
